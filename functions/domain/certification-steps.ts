/** The scripted steps of a certification run (a module of its own: the request contracts read it without the domain rules). */
export const certificationSteps = ['ACCEPT', 'PARTIAL_ACCEPT', 'BACKORDER', 'REJECT', 'TWO_PACKAGES', 'CANCELLATION'] as const;
export type CertificationStep = (typeof certificationSteps)[number];
