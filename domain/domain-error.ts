/**
 * Base of every domain error. `code` is stable and `field`, when known, names the offending input,
 * so the edge maps any of them to a problem+json answer in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
