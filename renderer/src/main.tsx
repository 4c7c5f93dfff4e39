import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../../shared/api/client';
import { pickTransport } from './api/transports';
import { App } from './App';
import { createAppStore, StoreContext } from './store/appStore';
import './styles/theme.css';

const transport = pickTransport();
const store = createAppStore({ api: createApiClient(transport) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App transport={transport} />
    </StoreContext.Provider>
  </StrictMode>,
);
