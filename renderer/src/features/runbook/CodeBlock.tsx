// Scripts shown monospace and highlighted: shell, or YAML for Ansible playbooks. highlight.js
// escapes its input, so its HTML can be inserted as is.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import yaml from 'highlight.js/lib/languages/yaml';
import { useMemo } from 'react';
import { useAppStore } from '../../store/appStore';

hljs.registerLanguage('bash', bash);
hljs.registerLanguage('yaml', yaml);

export function CodeBlock({ code, label, language = 'bash' }: { code: string; label: string; language?: 'bash' | 'yaml' }) {
  const presentation = useAppStore((s) => s.presentation);
  const html = useMemo(() => hljs.highlight(code, { language, ignoreIllegals: true }).value, [code, language]);
  if (presentation) return <p className="presentation-hidden">Script hidden for screen sharing.</p>;
  return (
    <pre className="code-block" aria-label={label} tabIndex={0}>
      <code dangerouslySetInnerHTML={{ __html: html }} />
    </pre>
  );
}
