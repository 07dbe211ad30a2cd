/** A failure worth retrying: the vendor's side (its endpoint, its AS2 server) was down, slow or unreachable. */
export class TransmissionError extends Error {
  override name = 'TransmissionError';
}

/** The vendor's endpoint refused the message (4xx): retrying the same message cannot help. */
export class VendorRefusedError extends Error {
  override name = 'VendorRefusedError';
}
