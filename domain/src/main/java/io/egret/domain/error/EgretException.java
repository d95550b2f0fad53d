package io.egret.domain.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type that crosses Egret's layers. Its message is a single actionable line meant for an
 * operator; the cause chain holds the detail and is shown only on request.
 */
public class EgretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public EgretException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public EgretException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }

    public static EgretException userError(String message) {
        return new EgretException(ErrorCode.USER_ERROR, message);
    }

    public static EgretException notFound(String message) {
        return new EgretException(ErrorCode.NOT_FOUND, message);
    }

    public static EgretException conflict(String message) {
        return new EgretException(ErrorCode.CONFLICT, message);
    }

    public static EgretException unreachable(String message, Throwable cause) {
        return new EgretException(ErrorCode.UNREACHABLE, message, cause);
    }

    public static EgretException internal(String message, Throwable cause) {
        return new EgretException(ErrorCode.INTERNAL, message, cause);
    }
}
