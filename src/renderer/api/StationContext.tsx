import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { StationStatus } from '../../shared/api/station';
import type { StationClient } from './transport';

const ClientContext = createContext<StationClient | null>(null);

export function StationProvider({ client, children }: { client: StationClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useStation(): StationClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useStation outside StationProvider');
  return client;
}

/** Live station status: read once, then follow the pushed events. */
export function useStationStatus(): { status: StationStatus | null; error: string | null } {
  const client = useStation();
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    client['station.status']({}).then(
      (s) => alive && (setStatus(s), setError(null)),
      (e: Error) => alive && setError(e.message),
    );
    const off = client.on('station.status', (s) => {
      setStatus(s);
      setError(null);
    });
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return { status, error };
}
