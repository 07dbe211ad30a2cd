/** The ops key lives for the browser tab's session only, never in the URL or in localStorage. */
const storageKey = 'dropship-ops-key';

export const session = {
  key: (): string | null => sessionStorage.getItem(storageKey),
  signIn: (key: string) => sessionStorage.setItem(storageKey, key),
  signOut: () => sessionStorage.removeItem(storageKey),
};

/** Why the user was sent back to sign in, shown there once. */
let farewell: string | null = null;
export const signOutWith = (message: string) => {
  session.signOut();
  farewell = message;
  location.hash = '#/sign-in';
};
export const takeFarewell = () => {
  const message = farewell;
  farewell = null;
  return message;
};
