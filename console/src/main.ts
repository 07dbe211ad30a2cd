import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html, useRoute } from './ui';
import { session } from './session';
import { SignIn } from './pages/sign-in';
import { DropshipTab } from './pages/dropship';
import { PurchaseOrderPage } from './pages/purchase-order';
import { ExceptionsTab } from './pages/exceptions';
import { VendorsPage, VendorPage } from './pages/vendors';
import { AnalyticsPage } from './pages/analytics';
import { EdiLogPage } from './pages/edi-log';
import { CompliancePage } from './pages/compliance';
import { ConnectionsPage } from './pages/connections';
import { RoutingPage } from './pages/routing';
import { InvoicesPage } from './pages/invoices';
import { ReturnsPage } from './pages/returns';
import './styles.css';

// Hash routes: #/dropship, #/po/PO-…, #/exceptions, #/edi, #/connections, #/vendors, #/vendors/acme, #/analytics, #/compliance, #/invoices, #/returns, #/routing, #/sign-in.

const tabs = [
  ['dropship', 'Dropship'],
  ['exceptions', 'Exceptions'],
  ['edi', 'EDI log'],
  ['connections', 'Connections'],
  ['vendors', 'Vendors'],
  ['analytics', 'Analytics'],
  ['compliance', 'Compliance'],
  ['invoices', 'Invoices'],
  ['returns', 'Returns'],
  ['routing', 'Re-routing'],
] as const;

function App() {
  const [page = 'dropship', id] = useRoute();
  const signedIn = session.key() !== null;
  useEffect(() => {
    if (!signedIn && page !== 'sign-in') location.hash = '#/sign-in';
  }, [signedIn, page]);
  if (!signedIn || page === 'sign-in') return html`<${SignIn} />`;
  const current = page === 'po' ? 'dropship' : page;
  const body =
    page === 'po' && id ? html`<${PurchaseOrderPage} poNumber=${id} />`
    : page === 'exceptions' ? html`<${ExceptionsTab} />`
    : page === 'vendors' && id ? html`<${VendorPage} vendorId=${id} />`
    : page === 'vendors' ? html`<${VendorsPage} />`
    : page === 'analytics' ? html`<${AnalyticsPage} />`
    : page === 'edi' ? html`<${EdiLogPage} />`
    : page === 'connections' ? html`<${ConnectionsPage} />`
    : page === 'compliance' ? html`<${CompliancePage} />`
    : page === 'routing' ? html`<${RoutingPage} />`
    : page === 'invoices' ? html`<${InvoicesPage} />`
    : page === 'returns' ? html`<${ReturnsPage} />`
    : html`<${DropshipTab} />`;
  return html`
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <span class="brand">Dropship OMS <small>ops</small></span>
      <nav aria-label="Sections">
        ${tabs.map(([href, label]) => html`<a href=${`#/${href}`} aria-current=${current === href ? 'page' : undefined}>${label}</a>`)}
      </nav>
      <button type="button" class="link" onClick=${() => { session.signOut(); location.hash = '#/sign-in'; }}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">${body}</main>
  `;
}

render(html`<${App} />`, document.getElementById('app') as HTMLElement);
