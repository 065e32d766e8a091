// One error type for every service; each protocol module renders it in its own wire
// shape (awsQuery XML, awsJson `__type`, restJson `x-amzn-ErrorType`), so the SDK
// raises the same exception classes it raises against AWS.

export type AwsService = 'sts' | 'config' | 'securityhub';

export class AwsServiceError extends Error {
  constructor(
    /** The error code the SDK turns into `error.name`, e.g. `AccessDenied`. */
    readonly code: string,
    message: string,
    readonly status: number,
    /**
     * awsJson only: the fully qualified shape id (`com.amazonaws.starlingdove#X`) for
     * modeled exceptions. Common errors (throttling, auth) go out unqualified, as AWS does.
     */
    readonly qualifiedType?: string,
  ) {
    super(message);
    this.name = code;
  }

  /** awsQuery's <Type>: Receiver for server faults, Sender otherwise. */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** Errors whose shape differs per service but whose meaning is shared. */
export const commonErrors = {
  unrecognizedClient(service: AwsService): AwsServiceError {
    if (service === 'sts') return new AwsServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    return new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', service === 'config' ? 400 : 403);
  },
  expiredToken(service: AwsService): AwsServiceError {
    if (service === 'sts') return new AwsServiceError('ExpiredToken', 'The security token included in the request is expired', 400);
    return new AwsServiceError('ExpiredTokenException', 'The security token included in the request is expired', service === 'config' ? 400 : 403);
  },
  badSignature(service: AwsService, message: string): AwsServiceError {
    if (service === 'sts') return new AwsServiceError('SignatureDoesNotMatch', message, 403);
    return new AwsServiceError('InvalidSignatureException', message, service === 'config' ? 400 : 403);
  },
  missingAuthentication(service: AwsService): AwsServiceError {
    const message = 'Request is missing Authentication Token';
    if (service === 'sts') return new AwsServiceError('MissingAuthenticationToken', message, 403);
    return new AwsServiceError('MissingAuthenticationTokenException', message, service === 'config' ? 400 : 403);
  },
  incompleteSignature(service: AwsService, message: string): AwsServiceError {
    return new AwsServiceError(service === 'sts' ? 'IncompleteSignature' : 'IncompleteSignatureException', message, service === 'config' ? 400 : 403);
  },
  throttled(service: AwsService): AwsServiceError {
    if (service === 'securityhub') return new AwsServiceError('TooManyRequestsException', 'Rate exceeded', 429);
    if (service === 'sts') return new AwsServiceError('Throttling', 'Rate exceeded', 400);
    return new AwsServiceError('ThrottlingException', 'Rate exceeded', 400);
  },
  internal(service: AwsService, status: number): AwsServiceError {
    if (service === 'securityhub') {
      return status === 503
        ? new AwsServiceError('ServiceUnavailableException', 'Service is unavailable. Try again later.', 503)
        : new AwsServiceError('InternalException', 'Internal service error. Try again later.', status);
    }
    if (status === 503) return new AwsServiceError('ServiceUnavailable', 'Service is unavailable. Try again later.', 503);
    return new AwsServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', status);
  },
  accessDenied(service: AwsService, principalArn: string, action: string, resource?: string): AwsServiceError {
    const onResource = resource ? ` on resource: ${resource}` : '';
    const message = `User: ${principalArn} is not authorized to perform: ${action}${onResource} because no identity-based policy allows the ${action} action`;
    if (service === 'sts') return new AwsServiceError('AccessDenied', message, 403);
    return new AwsServiceError('AccessDeniedException', message, service === 'config' ? 400 : 403);
  },
};
