package io.egret.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.application.testing.TestingClock;
import io.egret.application.testing.TestingProgress;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ProgressEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SagaTest {
    private final TestingProgress progress = new TestingProgress();
    private final Saga saga = new Saga("submit", "topology 'x'", progress, new TestingClock());

    @Test
    void undoesCompletedStepsInReverseOrder() {
        List<String> undone = new ArrayList<>();
        saga.step("first", () -> {});
        saga.onFailure("first", "first thing", () -> undone.add("first"));
        saga.step("second", () -> {});
        saga.onFailure("second", "second thing", () -> undone.add("second"));
        RuntimeException failure = failAt("third");

        EgretException result = saga.rollBack(failure);

        assertThat(undone).containsExactly("second", "first");
        assertThat(result.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(result.getMessage()).isEqualTo("submit of topology 'x' failed at 'third': down");
        assertThat(result.getCause()).isSameAs(failure);
        assertThat(progress.lines())
                .containsExactly(
                        "first STARTED",
                        "first DONE",
                        "second STARTED",
                        "second DONE",
                        "third STARTED",
                        "third FAILED",
                        "second UNDONE",
                        "first UNDONE");
    }

    @Test
    void reportsElapsedTimeFromTheClock() {
        saga.step("slow", () -> {});

        assertThat(progress.events())
                .extracting(ProgressEvent::elapsed)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void continuesPastAFailedUndoAndNamesWhatIsLeft() {
        List<String> undone = new ArrayList<>();
        IllegalStateException undoFailure = new IllegalStateException("disk gone");
        saga.cleanupHint("run 'heron kill c/r/e x'");
        saga.step("first", () -> {});
        saga.onFailure("first", "first thing", () -> undone.add("first"));
        saga.step("second", () -> {});
        saga.onFailure("second", "the second thing", () -> {
            throw undoFailure;
        });
        RuntimeException failure = failAt("third");

        saga.advice("then try again");
        EgretException result = saga.rollBack(failure);

        assertThat(undone).containsExactly("first");
        assertThat(result.getMessage())
                .isEqualTo("submit of topology 'x' failed at 'third': down; cleanup incomplete, left behind: the"
                        + " second thing; run 'heron kill c/r/e x'; then try again");
        assertThat(result.getSuppressed()).containsExactly(undoFailure);
        assertThat(progress.events())
                .filteredOn(event -> event.step().equals("second") && event.status() == ProgressEvent.Status.FAILED)
                .singleElement()
                .satisfies(event -> assertThat(event.detail())
                        .isEqualTo("undo failed: unexpected java.lang.IllegalStateException: disk gone"));
    }

    @Test
    void passesARefusalBeforeAnyStepThroughUnchanged() {
        EgretException refusal = EgretException.userError("bad input");

        assertThat(saga.rollBack(refusal)).isSameAs(refusal);
    }

    @Test
    void wrapsAnUnexpectedExceptionAsInternalOnOneLine() {
        IllegalArgumentException bug = new IllegalArgumentException("line one\n  line two");
        try {
            saga.step("step", () -> {
                throw bug;
            });
        } catch (IllegalArgumentException expected) {
            EgretException result = saga.rollBack(expected);

            assertThat(result.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(result.getMessage())
                    .isEqualTo("submit of topology 'x' failed at 'step': unexpected"
                            + " java.lang.IllegalArgumentException: line one line two");
            assertThat(result.getCause()).isSameAs(bug);
            return;
        }
        throw new AssertionError("the step did not rethrow");
    }

    private RuntimeException failAt(String step) {
        EgretException failure = EgretException.unreachable("down", null);
        try {
            saga.step(step, () -> {
                throw failure;
            });
        } catch (EgretException expected) {
            return expected;
        }
        throw new AssertionError("the step did not rethrow");
    }
}
