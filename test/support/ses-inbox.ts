/** An email as the SES emulator (aws-ses-v2-local) keeps it. */
export interface StoredEmail {
  subject: string;
  destination: { to: string[] };
  body: { html?: string; text?: string };
}

/** The emails the SES emulator at `endpoint` holds for one address, oldest first. */
export async function inbox(endpoint: string | undefined, to: string): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${endpoint}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((e) => e.destination.to.includes(to));
}
