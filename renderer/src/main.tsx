import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBrowserBridge } from '../../preload/browser-bridge';
import { App } from './App';
import './styles.css';

// In Electron the preload has already exposed window.ledgerbridge; in browser mode we add it.
if (!('ledgerbridge' in window)) installBrowserBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
