// A section's prose, tables and callouts as the runbook's author wrote them. The tree comes from
// shared/runbook/markdownView.ts, which keeps only known node kinds; each kind becomes one React
// element here. No HTML is ever inserted: React escapes every text, so raw HTML in a runbook
// shows as the characters it is.
import type { ReactNode } from 'react';
import type { MdBlock, MdInline } from '../../../../shared/runbook/markdownView';

function Inline({ nodes }: { nodes: MdInline[] }): ReactNode {
  return nodes.map((node, i) => {
    switch (node.t) {
      case 'text':
        return node.value;
      case 'strong':
        return (
          <strong key={i}>
            <Inline nodes={node.children} />
          </strong>
        );
      case 'emphasis':
        return (
          <em key={i}>
            <Inline nodes={node.children} />
          </em>
        );
      case 'delete':
        return (
          <del key={i}>
            <Inline nodes={node.children} />
          </del>
        );
      case 'code':
        return (
          <code key={i} className="mono">
            {node.value}
          </code>
        );
      case 'link':
        return node.href ? (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            <Inline nodes={node.children} />
          </a>
        ) : (
          <span key={i} className="link-removed" title="link address not shown: only http(s) and mailto links are kept">
            <Inline nodes={node.children} />
          </span>
        );
      case 'break':
        return <br key={i} />;
    }
  });
}

const CALLOUT_TITLE = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' } as const;

function Block({ block }: { block: MdBlock }): ReactNode {
  const lines = { 'data-line-start': block.line, 'data-line-end': block.endLine };
  switch (block.t) {
    case 'paragraph':
      return (
        <p {...lines}>
          <Inline nodes={block.children} />
        </p>
      );
    case 'heading':
      // Headings inside a section's text are not document structure: shown as a strong line.
      return (
        <p {...lines} className="md-heading">
          <strong>
            <Inline nodes={block.children} />
          </strong>
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i} data-line-start={item.line} data-line-end={item.endLine}>
          {item.checked !== null && <span aria-label={item.checked ? 'checked in the file' : 'unchecked in the file'}>{item.checked ? '☑ ' : '☐ '}</span>}
          <Blocks blocks={item.children} />
        </li>
      ));
      return block.ordered ? (
        <ol {...lines} start={block.start ?? undefined}>
          {items}
        </ol>
      ) : (
        <ul {...lines}>{items}</ul>
      );
    }
    case 'quote':
      return block.callout ? (
        <aside {...lines} className={`md-callout md-callout-${block.callout}`} aria-label={CALLOUT_TITLE[block.callout]}>
          <p className="md-callout-title">{CALLOUT_TITLE[block.callout]}</p>
          <Blocks blocks={block.children} />
        </aside>
      ) : (
        <blockquote {...lines}>
          <Blocks blocks={block.children} />
        </blockquote>
      );
    case 'table':
      return (
        <div className="md-table-wrap" {...lines}>
          <table className="md-table">
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i} scope="col" style={{ textAlign: block.align[i] ?? undefined }}>
                    <Inline nodes={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r} data-line-start={row.line} data-line-end={row.endLine}>
                  {row.cells.map((cell, i) => (
                    <td key={i} style={{ textAlign: block.align[i] ?? undefined }}>
                      <Inline nodes={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <pre {...lines} className="md-code" tabIndex={0} aria-label={block.lang ? `${block.lang} text` : 'Preformatted text'}>
          <code>{block.value}</code>
        </pre>
      );
    case 'rule':
      return <hr {...lines} />;
    case 'raw':
      return (
        <pre {...lines} className="md-raw">
          {block.value}
        </pre>
      );
  }
}

export function Blocks({ blocks }: { blocks: MdBlock[] }): ReactNode {
  return blocks.map((block, i) => <Block key={i} block={block} />);
}

/** Markdown text from the runbook, starting at source line `line`. */
export function MarkdownView({ blocks }: { blocks: MdBlock[] }) {
  return (
    <div className="md-view">
      <Blocks blocks={blocks} />
    </div>
  );
}
