/** The scripted steps of a certification run (a module of its own: the request contracts read it without the domain rules). */
export const certificationSteps = ['ACCEPT', 'PARTIAL_ACCEPT', 'BACKORDER', 'REJECT', 'TWO_PACKAGES', 'CANCELLATION'] as const;
export type CertificationStep = (typeof certificationSteps)[number];

/** What marks a PO as a test: the run and step it belongs to. Test POs reach no customer, stock, analytics or Exceptions tab. */
export interface TestMark {
  runId: string;
  step: CertificationStep;
}
