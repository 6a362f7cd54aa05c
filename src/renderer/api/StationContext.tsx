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

/** How often the status is read even without pushed events, so a lost station shows within seconds. */
const STATUS_POLL_MS = 5000;

/** Live station status: read once, then follow the pushed events; a failing read says the station is lost. */
export function useStationStatus(): { status: StationStatus | null; error: string | null } {
  const client = useStation();
  const [status, setStatus] = useState<StationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      client['station.status']({}).then(
        (s) => alive && (setStatus(s), setError(null)),
        (e: Error) => alive && setError(e.message),
      );
    void read();
    const timer = setInterval(() => void read(), STATUS_POLL_MS);
    const off = client.on('station.status', (s) => {
      setStatus(s);
      setError(null);
    });
    return () => {
      alive = false;
      clearInterval(timer);
      off();
    };
  }, [client]);
  return { status, error };
}
