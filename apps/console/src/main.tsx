import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/query.ts';
import { setStreamClient, StreamClient } from './api/watch.ts';
import { App } from './app/App.tsx';
import { initialLocale } from './i18n/i18n.tsx';
import { loadLocale } from './i18n/messages/index.ts';
import './styles.css';

const client = createQueryClient();
const stream = new StreamClient(client);
setStreamClient(stream);
stream.start();

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
// Russian words load before the first render (English is in the bundle); if they cannot be
// loaded, the console starts anyway, in English words.
void loadLocale(initialLocale()).then(render, render);
