// next-auth glue: providers, session shape, and the server-side guards every page,
// route handler and server action starts with.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/server/db';
import { TooManyRequestsError } from '@/server/errors';
import { parseRoleMap, roleFromClaims, upsertOidcUser } from '@/server/auth/oidc';
import { can, type Permission } from '@/server/auth/permissions';
import { authenticateWithPassword, findActiveUser, type SessionUser } from '@/server/auth/users';

function oidcProviders(): NextAuthOptions['providers'] {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return [];
  return [
    {
      id: 'oidc',
      name: process.env.OIDC_NAME ?? 'Single sign-on',
      type: 'oauth',
      wellKnown: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId,
      clientSecret,
      idToken: true,
      checks: ['pkce', 'state'],
      authorization: { params: { scope: process.env.OIDC_SCOPE ?? 'openid email profile' } },
      async profile(claims: Record<string, unknown>) {
        const role = roleFromClaims(claims, {
          claim: process.env.OIDC_ROLE_CLAIM ?? 'groups',
          groups: parseRoleMap(process.env.OIDC_ROLE_MAP),
        });
        if (!role) throw new Error('Your identity provider grants no Safeguards role.');
        const email = String(claims.email ?? '');
        const user = await upsertOidcUser(db(), {
          subject: String(claims.sub),
          email,
          name: String(claims.name ?? email),
          role,
        });
        return { id: user.id, email: user.email, name: user.name };
      },
    },
  ];
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        try {
          const user = await authenticateWithPassword(db(), { email: credentials?.email, password: credentials?.password });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        } catch (error) {
          // next-auth passes a thrown message to the sign-in form as its error.
          if (error instanceof TooManyRequestsError) throw new Error(error.message);
          throw error;
        }
      },
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    // Only the user id travels in the session; role and name are read from the database.
    session({ session, token }) {
      return { ...session, uid: token.uid };
    },
  },
};

/**
 * The signed-in user, read fresh from the database so role changes and disabling apply at once;
 * once per request (React's cache), though the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: unknown } | null;
  return typeof session?.uid === 'string' ? findActiveUser(db(), session.uid) : null;
});

/** For pages: signed out → sign-in page; signed in without the permission → 403. */
export async function requirePagePermission(permission: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  if (!can(user.role, permission)) forbidden();
  return user;
}
