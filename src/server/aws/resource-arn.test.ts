import { describe, expect, it } from 'vitest';
import { arnOfConfigResource, NAME_BASED_TYPES } from './resource-arn';

const at = { accountId: '123456789012', region: 'us-east-1' };

describe('ARN of a Config resource', () => {
  it.each([
    ['AWS::S3::Bucket', 'phi-bucket', undefined, 'arn:aws:s3:::phi-bucket'],
    ['AWS::SQS::Queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/claims', undefined, 'arn:aws:sqs:us-east-1:123456789012:claims'],
    ['AWS::EC2::Volume', 'vol-0abc', undefined, 'arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc'],
    ['AWS::RDS::DBInstance', 'db-ABCDEF', 'patients', 'arn:aws:rds:us-east-1:123456789012:db:patients'],
    ['AWS::IAM::Role', 'AROAXYZ', 'Reader', 'arn:aws:iam::123456789012:role/Reader'],
    ['AWS::KMS::Key', '1234abcd-12ab', undefined, 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab'],
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1', undefined, 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1'],
    ['AWS::::Account', '123456789012', undefined, 'AWS::::Account:123456789012'],
  ])('%s %s → %s', (type, id, name, arn) => {
    expect(arnOfConfigResource({ type, id, name, ...at })).toBe(arn);
  });

  it('cannot know a name-based ARN without the name, nor an unknown type', () => {
    expect(NAME_BASED_TYPES.has('AWS::RDS::DBInstance')).toBe(true);
    expect(arnOfConfigResource({ type: 'AWS::RDS::DBInstance', id: 'db-ABCDEF', ...at })).toBeNull();
    expect(arnOfConfigResource({ type: 'AWS::Made::Up', id: 'x', ...at })).toBeNull();
  });
});
