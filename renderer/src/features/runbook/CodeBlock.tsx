// Shell scripts shown monospace and highlighted. highlight.js escapes its input, so its HTML can
// be inserted as is.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import { useMemo } from 'react';
import { useAppStore } from '../../store/appStore';

hljs.registerLanguage('bash', bash);

export function CodeBlock({ code, label }: { code: string; label: string }) {
  const presentation = useAppStore((s) => s.presentation);
  const html = useMemo(() => hljs.highlight(code, { language: 'bash', ignoreIllegals: true }).value, [code]);
  if (presentation) return <p className="presentation-hidden">Script hidden for screen sharing.</p>;
  return (
    <pre className="code-block" aria-label={label} tabIndex={0}>
      <code dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
