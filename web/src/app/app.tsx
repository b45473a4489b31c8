import { Component, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { ApiError, errorMessage } from './api.ts';
import { MeProvider, useAuthActions, useCan, useMeQuery, useUnauthorizedRedirect } from './auth.tsx';
import { I18nProvider, useT } from './i18n.tsx';
import { LoginPage } from './login-page.tsx';
import { ForcedPasswordPage } from './password-page.tsx';
import { PageLoading, ShellLayout } from './layout.tsx';
import { modules, type ModuleEntry } from './modules.tsx';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a 4xx will not get better by asking again
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

/** A lazily loaded page that failed (a new deploy replaced its chunk, or it threw): say so, offer a reload. */
class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override render() {
    if (this.state.error) {
      return <Result status="error" title="页面出错了 / Page error" subTitle={errorMessage(this.state.error)} extra={<Button onClick={() => location.reload()}>刷新 / Reload</Button>} />;
    }
    return this.props.children;
  }
}

function Guarded({ entry }: { entry: ModuleEntry }) {
  const can = useCan();
  const t = useT();
  const navigate = useNavigate();
  if (!can(entry.permission)) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
  }
  const Page = entry.element;
  return (
    <PageErrorBoundary resetKey={entry.key}>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </PageErrorBoundary>
  );
}

function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
}

function NoCompany() {
  const t = useT();
  const actions = useAuthActions();
  return <Result status="warning" title={t('auth.noCompany')} extra={<Button onClick={() => actions.logout()}>{t('auth.logout')}</Button>} />;
}

function Root() {
  useUnauthorizedRedirect();
  const t = useT();
  const me = useMeQuery();
  if (me.isPending) {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(me.error)} extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>} />;
  }
  if (!me.data) return <LoginPage />;
  if (me.data.user.mustChangePassword) return <MeProvider me={me.data}><ForcedPasswordPage /></MeProvider>;
  if (!me.data.company) return <MeProvider me={me.data}><NoCompany /></MeProvider>;
  return (
    <MeProvider me={me.data}>
      <Routes>
        <Route element={<ShellLayout />}>
          {modules.map((m) => (
            <Route key={m.key} path={m.path} element={<Guarded entry={m} />} />
          ))}
          {/* a bookmarked or typed /login once signed in: the dashboard, not a 404 */}
          <Route path="/login" element={<Navigate to="/" replace />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </MeProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  );
}
