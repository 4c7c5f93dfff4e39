import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSshConfigText, parseProxyJump, resolveEndpoint, type SshConfigContext } from '../../../electron/ssh/sshConfig';
import type { HostSpec } from '../../../shared/runbook/model';

const CONFIG = `
Host app*
  HostName %h.prod.example.com
  User deploy
  IdentityFile ~/.ssh/deploy_key
  ProxyJump bastion

Host bastion
  HostName 203.0.113.10
  Port 2222
  User jump
  IdentityFile %d/.ssh/jump_%r

Host db1
  HostName 10.0.0.20
  ProxyJump ops@gw1:2200,bastion
  HostKeyAlias db1.internal
  IdentitiesOnly yes

Host gw1
  HostName 198.51.100.1

Host loop1
  ProxyJump loop2
Host loop2
  ProxyJump loop1

Host *
  User root
`;

const ctx: SshConfigContext = { configText: CONFIG, homeDir: '/home/ic', localUser: 'ic', localHost: 'laptop' };

function spec(partial: Partial<HostSpec> & { name: string }): HostSpec {
  return { address: null, port: null, user: null, groups: [], identityFile: null, proxyJump: null, ...partial };
}

describe('ssh config resolution', () => {
  it('resolves an alias with HostName tokens, User, IdentityFile and a ProxyJump', () => {
    const endpoint = resolveEndpoint('app1', ctx);
    expect(endpoint).toMatchObject({ name: 'app1', host: 'app1.prod.example.com', port: 22, user: 'deploy', identityFiles: ['/home/ic/.ssh/deploy_key'] });
    expect(endpoint.jumps).toHaveLength(1);
    expect(endpoint.jumps[0]).toMatchObject({ alias: 'bastion', host: '203.0.113.10', port: 2222, user: 'jump', identityFiles: ['/home/ic/.ssh/jump_jump'] });
    expect(endpoint.key).toBe('jump@203.0.113.10:2222 > deploy@app1.prod.example.com:22');
  });

  it('chains comma-separated jumps in order, with user and port from the jump spec', () => {
    const endpoint = resolveEndpoint('db1', ctx);
    expect(endpoint.jumps.map((j) => `${j.user}@${j.host}:${j.port}`)).toEqual(['ops@198.51.100.1:2200', 'jump@203.0.113.10:2222']);
    expect(endpoint.hostKeyAlias).toBe('db1.internal');
    expect(endpoint.identitiesOnly).toBe(true);
    expect(endpoint.user).toBe('root');
  });

  it("lets the runbook's explicit fields win over the config", () => {
    const endpoint = resolveEndpoint(spec({ name: 'app1', address: '10.1.1.1', port: 2022, user: 'release', identityFile: '/keys/release', proxyJump: 'none' }), ctx);
    expect(endpoint).toMatchObject({ host: '10.1.1.1', port: 2022, user: 'release', jumps: [] });
    // The runbook's key is tried first, then the config's, as `ssh -i` does.
    expect(endpoint.identityFiles).toEqual(['/keys/release', '/home/ic/.ssh/deploy_key']);
  });

  it('fills what the runbook leaves null from the config, then from defaults', () => {
    expect(resolveEndpoint(spec({ name: 'app2', user: 'ops' }), ctx)).toMatchObject({ host: 'app2.prod.example.com', user: 'ops', port: 22 });
    expect(resolveEndpoint('plain-host', { ...ctx, configText: null })).toMatchObject({ host: 'plain-host', port: 22, user: 'ic', identityFiles: [], jumps: [] });
  });

  it('refuses a ProxyJump loop', () => {
    expect(() => resolveEndpoint('loop1', ctx)).toThrow(/longer than 8 hops/);
  });

  it('parses ProxyJump forms', () => {
    expect(parseProxyJump('a, u@b:2200 ,ssh://c:22,[fe80::1]:2')).toEqual([
      { user: null, host: 'a', port: null },
      { user: 'u', host: 'b', port: 2200 },
      { user: null, host: 'c', port: 22 },
      { user: null, host: 'fe80::1', port: 2 },
    ]);
    expect(parseProxyJump('none')).toEqual([]);
    expect(() => parseProxyJump('a:notaport')).toThrow(/cannot read/);
  });

  it('inlines Include files relative to ~/.ssh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tminus-sshcfg-'));
    try {
      mkdirSync(join(dir, 'conf.d'));
      writeFileSync(join(dir, 'config'), 'Include conf.d/*.conf\nHost *\n  User fallback\n');
      writeFileSync(join(dir, 'conf.d', 'web.conf'), 'Host web1\n  HostName 192.0.2.7\n  Port 2201\n');
      const text = loadSshConfigText(join(dir, 'config'));
      expect(resolveEndpoint('web1', { ...ctx, configText: text })).toMatchObject({ host: '192.0.2.7', port: 2201, user: 'fallback' });
      expect(loadSshConfigText(join(dir, 'absent'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

