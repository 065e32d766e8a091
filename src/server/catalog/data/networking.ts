// Networking, edge and perimeter-protection services.

import {
  accessControl,
  auditLogging,
  cloudTrailLogging,
  defineService,
  disasterRecovery,
  encAtRest,
  encInTransit,
  networkProtection,
  noPhi,
  noPhiInMetadata,
} from '../builders';

export const vpc = defineService({
  id: 'vpc',
  code: 'VPC',
  name: 'Amazon Virtual Private Cloud',
  mayHoldPhi: true,
  summary:
    'Private networks with security groups, network ACLs and flow logs that suit HIPAA workloads; PHI crossing VPN, Direct Connect or Transit Gateway links must still be encrypted.',
  resourceTypes: ['AWS::EC2::VPC', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet', 'AWS::EC2::NetworkAcl'],
  controls: [
    auditLogging({
      requirement: 'Enable VPC Flow Logs to keep an audit trail of accepted and rejected connections to resources that process PHI.',
      title: 'Enable VPC Flow Logs',
      safeguard: 'FLOW-LOGS',
      sh: ['EC2.6'],
      config: ['VPC_FLOW_LOGS_ENABLED'],
    }),
    networkProtection({
      requirement: 'Segment workloads with security groups and network ACLs: close the default security group, avoid auto-assigned public IPs and unrestricted SSH/RDP, and attach internet gateways only where intended.',
      title: 'Segment and restrict the network',
      safeguard: 'SEGMENTATION',
      sh: ['EC2.2', 'EC2.15'],
      config: [
        'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
        'SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED',
        'NACL_NO_UNRESTRICTED_SSH_RDP',
        'NO_UNRESTRICTED_ROUTE_TO_IGW',
        'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
      ],
      severity: 'MEDIUM',
    }),
    encInTransit('Encrypt PHI that crosses VPN, Direct Connect, peering or Transit Gateway connections (TLS in the application or IPsec), as the network path alone does not encrypt it.'),
  ],
});

export const elb = defineService({
  id: 'elb',
  code: 'ELB',
  name: 'Elastic Load Balancing',
  mayHoldPhi: true,
  summary:
    'Load balancers may carry PHI if traffic stays encrypted end to end: either terminate TLS on the load balancer and re-encrypt to the targets, or pass encrypted sessions through to the instances.',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  controls: [
    encInTransit({
      requirement: 'Clients must reach the load balancer over an encrypted protocol (HTTPS, HTTP/2 over TLS, SSL/TLS) with ACM certificates and a strong TLS policy; redirect plain HTTP to HTTPS.',
      sh: ['ELB.1', 'ELB.2', 'ELB.3', 'ELB.8'],
      config: ['ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK', 'ELB_TLS_HTTPS_LISTENERS_ONLY', 'ELB_ACM_CERTIFICATE_REQUIRED', 'ELBV2_ACM_CERTIFICATE_REQUIRED', 'ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK'],
    }),
    encInTransit({
      requirement: 'Keep PHI encrypted behind the load balancer too: re-encrypt to the targets, or use TCP/WebSocket pass-through and terminate TLS on the instances.',
      title: 'Encrypt PHI from load balancer to targets',
      safeguard: 'BACKEND-ENC-IN-TRANSIT',
    }),
    auditLogging({ requirement: 'Enable access logs on Application and Classic Load Balancers.', sh: ['ELB.5'], config: ['ELB_LOGGING_ENABLED'], origin: 'best-practice' }),
    networkProtection({
      requirement: 'Drop invalid HTTP headers and put a WAF web ACL in front of Application Load Balancers that serve PHI.',
      title: 'Filter malicious requests',
      sh: ['ELB.4'],
      config: ['ALB_HTTP_DROP_INVALID_HEADER_ENABLED', 'ALB_WAF_ENABLED'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
    disasterRecovery({
      requirement: 'Spread load balancers across Availability Zones and protect them from deletion.',
      sh: ['ELB.6', 'ELB.9'],
      config: ['ELB_DELETION_PROTECTION_ENABLED', 'ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED', 'ELBV2_MULTIPLE_AZ'],
      fromAuditingSection: true,
    }),
  ],
});

export const cloudfront = defineService({
  id: 'cloudfront',
  code: 'CLOUDFRONT',
  name: 'Amazon CloudFront',
  mayHoldPhi: true,
  summary: 'Content delivery network that may carry PHI only over HTTPS end to end (viewer to edge to origin), with content encrypted at the origin so cached copies stay encrypted.',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  controls: [
    encInTransit({
      requirement: 'Require HTTPS between viewers and CloudFront, using a custom TLS certificate.',
      sh: ['CloudFront.3', 'CloudFront.7'],
      config: ['CLOUDFRONT_VIEWER_POLICY_HTTPS', 'CLOUDFRONT_CUSTOM_SSL_CERTIFICATE', 'CLOUDFRONT_SECURITY_POLICY_CHECK'],
    }),
    encInTransit({
      requirement: 'Use HTTPS from CloudFront to custom and S3 origins, without deprecated SSL protocols.',
      title: 'Encrypt PHI from edge to origin',
      safeguard: 'ORIGIN-ENC-IN-TRANSIT',
      sh: ['CloudFront.9', 'CloudFront.10'],
      config: ['CLOUDFRONT_TRAFFIC_TO_ORIGIN_ENCRYPTED', 'CLOUDFRONT_NO_DEPRECATED_SSL_PROTOCOLS'],
    }),
    encAtRest('Encrypt PHI at the origin (S3 server-side encryption or the custom origin\'s own encryption) so it remains encrypted while cached.'),
    accessControl({
      requirement: 'Serve S3 origins only through CloudFront (origin access identity) so objects cannot be fetched around it.',
      config: ['CLOUDFRONT_ORIGIN_ACCESS_IDENTITY_ENABLED'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
    auditLogging({ requirement: 'Enable standard access logging for distributions that serve PHI.', sh: ['CloudFront.5'], config: ['CLOUDFRONT_ACCESSLOGS_ENABLED'], origin: 'best-practice' }),
    networkProtection({
      requirement: 'Associate a WAF web ACL with distributions that serve PHI.',
      title: 'Protect distributions with WAF',
      sh: ['CloudFront.6'],
      config: ['CLOUDFRONT_ASSOCIATED_WITH_WAF'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
  ],
});

export const apiGateway = defineService({
  id: 'api-gateway',
  code: 'APIGW',
  name: 'Amazon API Gateway',
  mayHoldPhi: true,
  summary:
    'Managed APIs that may carry PHI: endpoints are HTTPS, non-cached data stays in memory, requests can be authorized with SigV4, and logs must only land in services configured per the Guidance.',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
  controls: [
    encInTransit({
      requirement: 'API endpoints are HTTPS; integrations with backends that handle PHI must also be encrypted, and client-side payload encryption can be added.',
      sh: ['APIGateway.2'],
      config: ['API_GW_SSL_ENABLED'],
    }),
    encAtRest({
      requirement: 'If stage caching is enabled, the cache must be encrypted: it is the only place API Gateway writes request data to disk.',
      title: 'Encrypt the API cache',
      sh: ['APIGateway.5'],
      config: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'],
      severity: 'MEDIUM',
    }),
    auditLogging({
      requirement: 'Log API activity with CloudTrail and CloudWatch; PHI in headers, URLs or bodies must only be captured by HIPAA-eligible services set up per the Guidance.',
      sh: ['APIGateway.1', 'APIGateway.9'],
      config: ['API_GW_EXECUTION_LOGGING_ENABLED', 'API_GWV2_ACCESS_LOGS_ENABLED'],
    }),
    accessControl({
      requirement: 'Authorize requests (for example with AWS Signature Version 4) and set an authorization type on every route.',
      sh: ['APIGateway.8'],
      config: ['API_GWV2_AUTHORIZATION_TYPE_CONFIGURED'],
    }),
    networkProtection({
      requirement: 'Associate a WAF web ACL with stages that serve PHI.',
      title: 'Protect stages with WAF',
      sh: ['APIGateway.4'],
      config: ['API_GW_ASSOCIATED_WITH_WAF'],
      severity: 'MEDIUM',
      origin: 'best-practice',
    }),
  ],
});

export const route53 = defineService({
  id: 'route53',
  code: 'ROUTE53',
  name: 'Amazon Route 53',
  mayHoldPhi: false,
  summary: 'Managed DNS that routes users to resources holding PHI; records, names and tags are not encrypted, so they must never contain PHI.',
  resourceTypes: ['AWS::Route53::HostedZone'],
  controls: [noPhiInMetadata('Do not put PHI in resource names, DNS records, health checks or tags.')],
});

export const globalAccelerator = defineService({
  id: 'global-accelerator',
  code: 'GLOBALACCEL',
  name: 'AWS Global Accelerator',
  mayHoldPhi: true,
  summary: 'Global load balancing for multi-Region applications; architectures behind it must use encrypted protocols so PHI stays encrypted.',
  resourceTypes: ['AWS::GlobalAccelerator::Accelerator'],
  controls: [encInTransit('Applications behind an accelerator must use an encrypted protocol (HTTPS, TLS) for PHI.')],
});

export const networkFirewall = defineService({
  id: 'network-firewall',
  code: 'NETFW',
  name: 'AWS Network Firewall',
  mayHoldPhi: true,
  summary: 'Managed VPC firewall; its rules and logs may contain end-user IP addresses, which the service encrypts at rest and in transit.',
  resourceTypes: ['AWS::NetworkFirewall::Firewall'],
  controls: [
    encAtRest({ requirement: 'Rules and logs (which can include end-user IP addresses) are encrypted at rest and in transit by the service.', awsManaged: true }),
    cloudTrailLogging('AWS Network Firewall'),
  ],
});

export const waf = defineService({
  id: 'waf',
  code: 'WAF',
  name: 'AWS WAF',
  mayHoldPhi: true,
  summary: 'Web application firewall placed in front of applications that exchange PHI; that traffic must be encrypted as for any PHI transmission.',
  resourceTypes: ['AWS::WAFv2::WebACL', 'AWS::WAF::WebACL'],
  controls: [
    encInTransit('PHI passing through WAF-protected applications must be encrypted in transit (see the EC2 guidance).'),
    auditLogging({
      requirement: 'Enable web ACL logging, and send the logs (which can contain request data) only to encrypted destinations.',
      sh: ['WAF.1', 'WAF.11'],
      config: ['WAF_CLASSIC_LOGGING_ENABLED', 'WAFV2_LOGGING_ENABLED'],
      origin: 'best-practice',
    }),
  ],
});

export const shield = defineService({
  id: 'shield',
  code: 'SHIELD',
  name: 'AWS Shield',
  mayHoldPhi: false,
  summary: 'DDoS protection for applications that handle PHI; it neither stores nor transmits PHI, so no special configuration is needed.',
  resourceTypes: [],
  controls: [noPhi({ requirement: 'Shield does not store or carry PHI; no PHI-specific configuration is required.', severity: 'INFORMATIONAL' })],
});

export const firewallManager = defineService({
  id: 'firewall-manager',
  code: 'FMS',
  name: 'AWS Firewall Manager',
  mayHoldPhi: false,
  summary: 'Central management of firewall rules across accounts; it does not process customer content.',
  resourceTypes: [],
  controls: [noPhi('Firewall Manager does not process PHI; keep PHI out of policy names and descriptions.')],
});

export const cloudMap = defineService({
  id: 'cloud-map',
  code: 'CLOUDMAP',
  name: 'AWS Cloud Map',
  mayHoldPhi: false,
  summary: 'Service discovery registry of resource names and endpoints; names and attributes must not contain PHI.',
  resourceTypes: ['AWS::ServiceDiscovery::Service'],
  controls: [noPhiInMetadata('Do not use PHI in service names, namespaces or custom attributes.')],
});
