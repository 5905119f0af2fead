import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/query.ts';
import { setStreamClient, StreamClient } from './api/watch.ts';
import { App } from './app/App.tsx';
import './styles.css';

const client = createQueryClient();
const stream = new StreamClient(client);
setStreamClient(stream);
stream.start();

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
