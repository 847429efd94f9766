package io.tierstate.aws;

/** CloudFront documents as the 2020-05-31 REST-XML API writes them. */
final class CloudFrontFixtures {

    static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    static final String ID = "E2QWRUHAPOMQZL";
    static final String ARN = "arn:aws:cloudfront::123456789012:distribution/" + ID;
    static final String DOMAIN = "d111111abcdef8.cloudfront.net";
    static final String ALB = "tierstate-alb-1234567890.us-east-1.elb.amazonaws.com";
    static final String CALLER_REFERENCE = "tierstate-gpu-stack-1";

    private CloudFrontFixtures() {}

    /** The inside of a DistributionConfig: one ALB origin, a default and one extra cache behaviour. */
    static String configBody(boolean enabled) {
        return """
                <CallerReference>%s</CallerReference>
                <Aliases><Quantity>0</Quantity></Aliases>
                <DefaultRootObject></DefaultRootObject>
                <Origins><Quantity>1</Quantity><Items><Origin>
                  <Id>alb-origin</Id>
                  <DomainName>%s</DomainName>
                  <OriginPath></OriginPath>
                  <CustomHeaders><Quantity>0</Quantity></CustomHeaders>
                  <CustomOriginConfig>
                    <HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort>
                    <OriginProtocolPolicy>http-only</OriginProtocolPolicy>
                    <OriginSslProtocols><Quantity>1</Quantity><Items><SslProtocol>TLSv1.2</SslProtocol></Items></OriginSslProtocols>
                    <OriginReadTimeout>30</OriginReadTimeout><OriginKeepaliveTimeout>5</OriginKeepaliveTimeout>
                  </CustomOriginConfig>
                  <ConnectionAttempts>3</ConnectionAttempts><ConnectionTimeout>10</ConnectionTimeout>
                  <OriginShield><Enabled>false</Enabled></OriginShield>
                </Origin></Items></Origins>
                <OriginGroups><Quantity>0</Quantity></OriginGroups>
                <DefaultCacheBehavior>
                  <TargetOriginId>alb-origin</TargetOriginId>
                  <TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners>
                  <TrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></TrustedKeyGroups>
                  <ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy>
                  <AllowedMethods><Quantity>7</Quantity><Items>
                    <Method>HEAD</Method><Method>DELETE</Method><Method>POST</Method><Method>GET</Method>
                    <Method>OPTIONS</Method><Method>PUT</Method><Method>PATCH</Method></Items>
                    <CachedMethods><Quantity>2</Quantity><Items><Method>HEAD</Method><Method>GET</Method></Items></CachedMethods>
                  </AllowedMethods>
                  <SmoothStreaming>false</SmoothStreaming>
                  <Compress>true</Compress>
                  <LambdaFunctionAssociations><Quantity>0</Quantity></LambdaFunctionAssociations>
                  <FunctionAssociations><Quantity>0</Quantity></FunctionAssociations>
                  <FieldLevelEncryptionId></FieldLevelEncryptionId>
                  <CachePolicyId>4135ea2d-6df8-44a3-9df3-4b5a84be39ad</CachePolicyId>
                  <OriginRequestPolicyId>216adef6-5c7f-47e4-b989-5492eafa07d3</OriginRequestPolicyId>
                </DefaultCacheBehavior>
                <CacheBehaviors><Quantity>1</Quantity><Items><CacheBehavior>
                  <PathPattern>/static/*</PathPattern>
                  <TargetOriginId>alb-origin</TargetOriginId>
                  <TrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></TrustedSigners>
                  <TrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></TrustedKeyGroups>
                  <ViewerProtocolPolicy>https-only</ViewerProtocolPolicy>
                  <AllowedMethods><Quantity>2</Quantity><Items><Method>HEAD</Method><Method>GET</Method></Items>
                    <CachedMethods><Quantity>2</Quantity><Items><Method>HEAD</Method><Method>GET</Method></Items></CachedMethods>
                  </AllowedMethods>
                  <SmoothStreaming>false</SmoothStreaming>
                  <Compress>true</Compress>
                  <LambdaFunctionAssociations><Quantity>0</Quantity></LambdaFunctionAssociations>
                  <FunctionAssociations><Quantity>0</Quantity></FunctionAssociations>
                  <FieldLevelEncryptionId></FieldLevelEncryptionId>
                  <CachePolicyId>658327ea-f89d-4fab-a63d-7e88639e58f6</CachePolicyId>
                </CacheBehavior></Items></CacheBehaviors>
                <CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses>
                <Comment>TierState gpu-stack</Comment>
                <Logging><Enabled>false</Enabled><IncludeCookies>false</IncludeCookies><Bucket></Bucket><Prefix></Prefix></Logging>
                <PriceClass>PriceClass_100</PriceClass>
                <Enabled>%s</Enabled>
                <ViewerCertificate>
                  <CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate>
                  <SSLSupportMethod>vip</SSLSupportMethod>
                  <MinimumProtocolVersion>TLSv1</MinimumProtocolVersion>
                  <CertificateSource>cloudfront</CertificateSource>
                </ViewerCertificate>
                <Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions>
                <WebACLId></WebACLId>
                <HttpVersion>http2and3</HttpVersion>
                <IsIPV6Enabled>true</IsIPV6Enabled>
                <Staging>false</Staging>
                """.formatted(CALLER_REFERENCE, ALB, enabled);
    }

    /** The body of GetDistributionConfig. */
    static String distributionConfig(boolean enabled) {
        return "<?xml version=\"1.0\"?>\n<DistributionConfig xmlns=\"" + NS + "\">" + configBody(enabled) + "</DistributionConfig>";
    }

    /** The body of GetDistribution, CreateDistribution and UpdateDistribution. */
    static String distribution(String id, String status, boolean enabled) {
        return """
                <?xml version="1.0"?>
                <Distribution xmlns="%s">
                  <Id>%s</Id>
                  <ARN>arn:aws:cloudfront::123456789012:distribution/%s</ARN>
                  <Status>%s</Status>
                  <LastModifiedTime>2025-06-01T10:15:30.123Z</LastModifiedTime>
                  <InProgressInvalidationBatches>0</InProgressInvalidationBatches>
                  <DomainName>%s</DomainName>
                  <ActiveTrustedSigners><Enabled>false</Enabled><Quantity>0</Quantity></ActiveTrustedSigners>
                  <ActiveTrustedKeyGroups><Enabled>false</Enabled><Quantity>0</Quantity></ActiveTrustedKeyGroups>
                  <DistributionConfig>%s</DistributionConfig>
                </Distribution>""".formatted(NS, id, id, status, DOMAIN, configBody(enabled));
    }

    /** The body of ListTagsForResource. */
    static String tags(String... keyValues) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            items.append("<Tag><Key>").append(keyValues[i]).append("</Key><Value>").append(keyValues[i + 1]).append("</Value></Tag>");
        }
        return "<?xml version=\"1.0\"?>\n<Tags xmlns=\"" + NS + "\"><Items>" + items + "</Items></Tags>";
    }

    /** CloudFront's error document. */
    static String error(String code, String message, String requestId) {
        return """
                <?xml version="1.0"?>
                <ErrorResponse xmlns="%s">
                  <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>""".formatted(NS, code, message, requestId);
    }
}
