// The table of block readers importMarkdown hands to the walker (see blockContext.ts for why the
// walker does not import them itself).
import type { BlockReaders } from './blockContext';
import { codeBlock } from './code';
import { decisionTable } from './decisions';
import { listBlock } from './lists';
import { paragraphBlock } from './prose';

export const blockReaders: BlockReaders = {
  paragraph: paragraphBlock,
  list: listBlock,
  code: codeBlock,
  table: decisionTable,
};
