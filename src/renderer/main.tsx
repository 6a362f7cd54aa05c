import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { App } from './App';
import { StationProvider } from './api/StationContext';
import { createClient, withFirstCallsSent, type RawTransport } from './api/transport';
import { createElectronTransport } from './api/electron-transport';
import { createHttpTransport, takeToken } from './api/http-transport';
import { setupI18n } from './i18n/setup';
import './styles.css';

/** The same screens over either transport: Electron's preload bridge, or the Node host's HTTP. */
function pickTransport(): RawTransport | null {
  if (window.dosedesk) return createElectronTransport(window.dosedesk);
  const token = takeToken();
  return token ? createHttpTransport(token, () => i18next.language) : null;
}

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport();
if (!transport) {
  root.render(<p role="alert">Open this page from the address the station printed (it carries the access token).</p>);
} else {
  // The status bar's and the sign-in form's reads go out now, while the messages and React load.
  const client = withFirstCallsSent(createClient(transport), ['station.status', 'staff.current']);
  // The first screen waits only for its own language's messages (one small chunk).
  void setupI18n().then(() =>
    root.render(
      <StrictMode>
        <StationProvider client={client}>
          <App />
        </StationProvider>
      </StrictMode>,
    ),
  );
}
