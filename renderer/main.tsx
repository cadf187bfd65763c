import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createClient } from './api/client.ts';
import { TokenRequired } from './components/TokenRequired.tsx';
import { StoresProvider } from './state/stores-context.tsx';
import { createStores } from './state/stores.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Before anything reads location.hash: the token must leave the address bar before routing starts.
const client = createClient();
const stores = client && createStores(client);

createRoot(container).render(
  <StrictMode>
    {stores ? (
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    ) : (
      <TokenRequired reason="missing" />
    )}
  </StrictMode>,
);
