import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import { useLocale, type Locale } from './i18n.tsx';

/** GET /api/auth/me (the server's meResponse). */
export type Me = {
  user: { id: number; username: string; displayName: string; locale: string; mustChangePassword: boolean };
  company: { id: number; name: string; code: string } | null;
  companies: { id: number; name: string; roleName: string }[];
  role: { id: number; code: string; name: string; dataScope: string } | null;
  department: { id: number; name: string } | null;
  permissions: string[];
  csrfToken: string;
};

export const ME_KEY = ['auth', 'me'] as const;

const MeCtx = createContext<Me | null>(null);

// A language picked on the login page is the user's choice: saved to their account once they are in.
let pickedBeforeLogin: Locale | null = null;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** Loads who is logged in; children get it through useMe(). `fallback` renders while it loads, `anonymous` when nobody is. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  const { locale, setLocale } = useLocale();
  // on login: a language picked on the login page is saved; otherwise the user's saved language applies
  useEffect(() => {
    if (pickedBeforeLogin) {
      const picked = pickedBeforeLogin;
      pickedBeforeLogin = null;
      if (picked !== me.user.locale) void api.post('/api/auth/locale', { locale: picked }).catch(() => undefined);
      return;
    }
    if ((me.user.locale === 'en-US' || me.user.locale === 'zh-CN') && me.user.locale !== locale) setLocale(me.user.locale as Locale);
    // only when the user changes, not on every locale switch
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.user.id]);
  return <MeCtx.Provider value={me}>{children}</MeCtx.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeCtx);
  if (!me) throw new Error('useMe() outside a logged-in page');
  return me;
}

/** Does the current user hold this permission (or, given a list, any of them)? */
export function useCan(): (permission?: string | string[] | null) => boolean {
  const me = useContext(MeCtx);
  return (p) => {
    if (!p) return true;
    const set = me?.permissions ?? [];
    return Array.isArray(p) ? p.some((x) => set.includes(x)) : set.includes(p);
  };
}

/** On any 401 from the API, forget the session: the shell then shows the login page at the same URL. */
export function useUnauthorizedRedirect() {
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      qc.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [qc]);
}

export function useAuthActions() {
  const qc = useQueryClient();
  // Drop every cached answer but "me" (whose observer the shell holds: removing it would leave the shell deaf).
  const forgetData = () => qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  const reloadMe = async () => {
    const me = await fetchMe();
    qc.setQueryData(ME_KEY, me);
    // pages still on screen keep their observers and load again (now as this user / in this company)
    await qc.resetQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };
  const { setLocale } = useLocale();
  return {
    async login(username: string, password: string) {
      await api.post('/api/auth/login', { username, password });
      await reloadMe();
    },
    async logout() {
      try {
        await api.post('/api/auth/logout');
      } finally {
        setCsrfToken(null);
        forgetData();
        qc.setQueryData(ME_KEY, null);
        // the next person to log in starts at the dashboard, not on this user's last page
        window.history.replaceState(null, '', '/');
      }
    },
    async switchCompany(companyId: number) {
      await api.post('/api/auth/company', { companyId });
      // everything cached belongs to the old company
      await reloadMe();
    },
    async switchLocale(locale: Locale, loggedIn: boolean) {
      setLocale(locale);
      if (loggedIn) await api.post('/api/auth/locale', { locale });
      else pickedBeforeLogin = locale;
      // server-made texts (error messages, labels) come again in the new language
      await qc.invalidateQueries();
    },
    async changePassword(currentPassword: string, newPassword: string) {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      await reloadMe();
    },
  };
}
