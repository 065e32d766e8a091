// AWS STS over the awsQuery protocol: form-encoded requests, XML responses in the
// 2011-06-15 namespace, XML <ErrorResponse> errors the SDK maps to named exceptions.
import type { CredentialStore } from './credentials';
import { AwsServiceError } from './errors';
import type { Organization } from './generator';
import type { ServiceRequest, ServiceResponse } from './http-types';
import type { ScenarioControls } from './scenarios';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const MAX_SESSION_SECONDS = 3600;

export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function xmlResponse(requestId: string, body: string): ServiceResponse {
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function stsErrorResponse(error: AwsServiceError, requestId: string): ServiceResponse {
  const body =
    `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>${error.fault}</Type>\n    <Code>${xmlEscape(error.code)}</Code>\n` +
    `    <Message>${xmlEscape(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** The `Action` of an awsQuery request, read from its form body. */
export function stsAction(body: Buffer): string | undefined {
  return new URLSearchParams(body.toString('utf8')).get('Action') ?? undefined;
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationError', message, 400);
}

export class StsService {
  constructor(
    private readonly org: Organization,
    private readonly credentials: CredentialStore,
    private readonly scenarios: ScenarioControls,
  ) {}

  handle(req: ServiceRequest): ServiceResponse {
    const params = new URLSearchParams(req.body.toString('utf8'));
    if (params.get('Version') !== '2011-06-15') throw new AwsServiceError('InvalidAction', `Could not find operation ${req.operation} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, 400);
    switch (req.operation) {
      case 'AssumeRole':
        return this.assumeRole(req, params);
      case 'GetCallerIdentity':
        return this.getCallerIdentity(req);
      default:
        throw new AwsServiceError('InvalidAction', `Could not find operation ${req.operation} for version 2011-06-15`, 400);
    }
  }

  private callerArn(req: ServiceRequest): string {
    return req.caller.kind === 'management' ? req.caller.principal.arn : req.caller.session.assumedRoleArn;
  }

  private assumeRole(req: ServiceRequest, params: URLSearchParams): ServiceResponse {
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    if (!roleArn) throw validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    if (!sessionName) throw validation("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
    }
    const duration = params.has('DurationSeconds') ? Number(params.get('DurationSeconds')) : 3600;
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw validation(`1 validation error detected: Value '${params.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
    }

    const denied = new AwsServiceError('AccessDenied', `User: ${this.callerArn(req)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    // Member roles trust the management account only, and require the ExternalId.
    if (req.caller.kind !== 'management') throw denied;
    const account = this.org.accountByRoleArn(roleArn);
    if (!account) throw denied;
    if (params.get('ExternalId') !== account.externalId) throw denied;
    if (this.scenarios.assumeRoleDenied({ service: 'sts', operation: 'AssumeRole', accountId: account.id, region: req.region })) throw denied;
    if (duration > MAX_SESSION_SECONDS) throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

    const session = this.credentials.issue({ accountId: account.id, roleArn, sessionName, durationSeconds: duration, nowMs: this.scenarios.nowMs() });
    const expiration = new Date(session.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return xmlResponse(
      req.requestId,
      `<AssumeRoleResponse xmlns="${NS}">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>${xmlEscape(session.assumedRoleId)}</AssumedRoleId>
      <Arn>${xmlEscape(session.assumedRoleArn)}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${session.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xmlEscape(session.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xmlEscape(session.sessionToken)}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>${req.requestId}</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
`,
    );
  }

  private getCallerIdentity(req: ServiceRequest): ServiceResponse {
    const { arn, userId, account } =
      req.caller.kind === 'management'
        ? { arn: req.caller.principal.arn, userId: req.caller.principal.userId, account: req.caller.principal.accountId }
        : { arn: req.caller.session.assumedRoleArn, userId: req.caller.session.assumedRoleId, account: req.caller.session.accountId };
    return xmlResponse(
      req.requestId,
      `<GetCallerIdentityResponse xmlns="${NS}">
  <GetCallerIdentityResult>
    <Arn>${xmlEscape(arn)}</Arn>
    <UserId>${xmlEscape(userId)}</UserId>
    <Account>${account}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>${req.requestId}</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
`,
    );
  }
}
