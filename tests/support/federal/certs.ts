import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** True when the openssl binary is there to make test certificates. */
export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
}

export interface TestPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate from a CA the server does not trust. */
  strangerCert: string;
  strangerKey: string;
}

/** A throw-away CA, a server certificate for 127.0.0.1 and client certificates (EC P-256). */
export function makeTestPki(dir: string): TestPki {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=DoseDesk test CA');
  ssl('req', '-x509', ...ec, '-keyout', 'other-ca.key', '-out', 'other-ca.crt', '-days', '2', '-subj', '/CN=Someone else');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  const issue = (name: string, subject: string, ca: string, ext?: string) => {
    ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', ...(ext ? ['-extfile', ext] : []));
  };
  issue('server', '/CN=127.0.0.1', 'ca', 'server.ext');
  issue('client', '/CN=station-1', 'ca');
  issue('stranger', '/CN=station-x', 'other-ca');
  const at = (f: string) => join(dir, f);
  return {
    caCert: at('ca.crt'),
    serverCert: at('server.crt'),
    serverKey: at('server.key'),
    clientCert: at('client.crt'),
    clientKey: at('client.key'),
    strangerCert: at('stranger.crt'),
    strangerKey: at('stranger.key'),
  };
}
