/**
 * The managed side of a connection: on AWS, Transfer Family (an SFTP user per SFTP connection; a
 * partner profile, its certificates, an agreement and a connector per AS2 connection); offline,
 * the local SFTP server and AS2 endpoint read the connection from the table, so saving needs
 * nothing more there, and sending AS2 is done by the local connector.
 */
import type { Connection, TransferResources } from '../domain/edi-connections';

export interface As2SendResult {
  /** The AS2 Message-ID (offline) or Transfer Family's transfer id (AWS, where the MDN arrives later as an event). */
  messageId: string;
  /** Offline, a synchronous MDN's disposition (`processed`, or the failure); on AWS undefined until the event. */
  mdn?: string;
}

/** What ops hand a partner: where to connect and who we are. */
export interface OurEndpoints {
  sftp?: { host: string; port: number; hostKeyFingerprint?: string };
  as2?: { as2Id: string; url: string; certificate: string };
}

export interface TransferFamily {
  /** Creates or updates the connection's managed resources; returns them to keep on the connection. */
  saveConnection(connection: Connection): Promise<TransferResources>;
  /** Removes them (the connection is deleted, or its last vendor was deactivated). */
  removeConnection(connection: Connection): Promise<void>;
  /** Sends a file already in the mailbox's `/out` to the AS2 partner. Throws TransmissionError when it could not be sent. */
  sendAs2(connection: Connection, key: string, body: Buffer, fileName: string): Promise<As2SendResult>;
  /** Our SFTP endpoint and AS2 identity. */
  ours(): Promise<OurEndpoints>;
  /** Sets our AS2 id, certificate and private key (AWS: the local profile and an imported certificate). */
  setAs2Profile(profile: { as2Id: string; certificate: string; privateKey: string }): Promise<void>;
}
