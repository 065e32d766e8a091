// Typed domain errors. Route handlers and server actions turn them into HTTP
// statuses and form messages in one place (src/lib/api.ts).

export class DomainError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, readonly fieldErrors: Record<string, string[]> = {}) {
    super(message, 400);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first.') {
    super(message, 401);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.') {
    super(message, 403);
  }
}

/** Also used when a record exists but is not the caller's, so ids are not revealed. */
export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super(message, 404);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, 429);
  }
}
