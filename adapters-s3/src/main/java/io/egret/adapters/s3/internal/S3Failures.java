package io.egret.adapters.s3.internal;

import io.egret.adapters.s3.S3AdapterConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into one-line errors that name the location, the cause and, for the usual causes, what to
 * change. The SDK's own messages carry no secrets; the access key id is never added here either.
 */
final class S3Failures {
    private S3Failures() {}

    /**
     * @param action what was being done ("cannot upload the topology package to s3://b/k")
     * @param where the endpoint, for unreachable stores
     */
    static EgretException translate(SdkException failure, String action, String where) {
        if (failure instanceof AwsServiceException service) {
            String code = Optional.ofNullable(service.awsErrorDetails())
                    .map(details -> details.errorCode())
                    .orElse("");
            int status = service.statusCode();
            String cause = (code.isEmpty() ? "HTTP " + status : code + ", HTTP " + status);
            if ("NoSuchBucket".equals(code)) {
                return new EgretException(
                        ErrorCode.USER_ERROR,
                        action + ": the bucket does not exist (" + cause + ") at " + where + "; create it or fix "
                                + S3AdapterConfig.BUCKET,
                        failure);
            }
            if ("NoSuchKey".equals(code) || (status == 404 && code.isEmpty())) {
                return new EgretException(
                        ErrorCode.NOT_FOUND, action + ": nothing is stored there (" + cause + ")", failure);
            }
            if (status == 403
                    || "AccessDenied".equals(code)
                    || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return new EgretException(
                        ErrorCode.UNREACHABLE,
                        action + ": access denied (" + cause + "); check the credentials (" + S3AdapterConfig.ACCESS_KEY
                                + "/" + S3AdapterConfig.SECRET_KEY + ", " + S3AdapterConfig.PROFILE
                                + " or the AWS default credential chain) and the bucket's policy",
                        failure);
            }
            if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
                return new EgretException(
                        ErrorCode.USER_ERROR,
                        action + ": the bucket is in another region (" + cause + "); set " + S3AdapterConfig.REGION,
                        failure);
            }
            return new EgretException(ErrorCode.UNREACHABLE, action + ": " + cause + " from " + where, failure);
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return new EgretException(
                    ErrorCode.USER_ERROR,
                    action + ": no AWS credentials found; set " + S3AdapterConfig.PROFILE + ", the AWS environment"
                            + " variables, or " + S3AdapterConfig.ACCESS_KEY + "/" + S3AdapterConfig.SECRET_KEY,
                    failure);
        }
        return new EgretException(
                ErrorCode.UNREACHABLE, action + ": " + where + " did not answer: " + firstLine(message), failure);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
