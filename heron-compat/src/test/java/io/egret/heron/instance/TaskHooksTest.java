package io.egret.heron.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.hooks.BaseTaskHook;
import org.apache.heron.api.hooks.info.EmitInfo;
import org.apache.heron.api.hooks.info.SpoutAckInfo;
import org.junit.jupiter.api.Test;

final class TaskHooksTest {
    @Test
    void createsTheHooksTopologyAutoTaskHooksNamesAsAListOrItsStringForm() {
        TaskHooks fromList = new TaskHooks(7);
        fromList.addAutomatic(
                Map.of(
                        Config.TOPOLOGY_AUTO_TASK_HOOKS,
                        List.of(BaseTaskHook.class.getName(), Recording.class.getName())),
                "word");
        TaskHooks fromString = new TaskHooks(7);
        fromString.addAutomatic(
                Map.of(
                        Config.TOPOLOGY_AUTO_TASK_HOOKS,
                        "[" + BaseTaskHook.class.getName() + ", " + Recording.class.getName() + "]"),
                "word");

        assertThat(fromList.all())
                .map(hook -> hook.getClass().getName())
                .containsExactly(BaseTaskHook.class.getName(), Recording.class.getName());
        assertThat(fromString.all())
                .map(hook -> hook.getClass().getName())
                .containsExactly(BaseTaskHook.class.getName(), Recording.class.getName());
    }

    @Test
    void aHookThatCannotBeCreatedOrIsNoHookIsNamedOnOneLine() {
        TaskHooks hooks = new TaskHooks(1);

        assertThatThrownBy(() -> hooks.addAutomatic(
                        Map.of(Config.TOPOLOGY_AUTO_TASK_HOOKS, List.of("com.acme.MissingHook")), "word"))
                .isInstanceOf(HeronComponentException.class)
                .hasMessageStartingWith("cannot create task hook com.acme.MissingHook of component 'word': ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> hooks.addAutomatic(
                        Map.of(Config.TOPOLOGY_AUTO_TASK_HOOKS, List.of(ArrayList.class.getName())), "word"))
                .isInstanceOf(HeronComponentException.class)
                .hasMessage("task hook java.util.ArrayList of component 'word' is not an "
                        + "org.apache.heron.api.hooks.ITaskHook");
        assertThat(hooks.isEmpty()).isTrue();
    }

    @Test
    void eventsReachEveryHookWithThisTaskAndTheSpoutsLatency() {
        TaskHooks hooks = new TaskHooks(4);
        Recording first = new Recording();
        Recording second = new Recording();
        hooks.add(first);
        hooks.add(second);

        hooks.emitted("default", List.of(42L), 42L);
        hooks.spoutAcked(42L);
        hooks.spoutAcked(43L);

        for (Recording hook : List.of(first, second)) {
            assertThat(hook.emits).singleElement().satisfies(info -> {
                assertThat(info.getStream()).isEqualTo("default");
                assertThat(info.getValues()).containsExactly(42L);
                assertThat(info.getTaskId()).isEqualTo(4);
            });
            assertThat(hook.acks).hasSize(2);
            assertThat(hook.acks.get(0).getSpoutTaskId()).isEqualTo(4);
            assertThat(hook.acks.get(0).getCompleteLatency()).isPositive();
            // Emitted before any hook existed (or never): no latency known.
            assertThat(hook.acks.get(1).getCompleteLatency()).isZero();
        }
    }

    @Test
    void aHookAddedThroughGetHooksIsCalledAsInHeron() {
        TaskHooks hooks = new TaskHooks(2);
        Recording added = new Recording();

        hooks.all().add(added);
        hooks.emitted("default", List.of(1L), null);

        assertThat(hooks.isEmpty()).isFalse();
        assertThat(added.emits).hasSize(1);
    }

    /** Keeps what it is told. */
    public static final class Recording extends BaseTaskHook {
        final List<EmitInfo> emits = new ArrayList<>();
        final List<SpoutAckInfo> acks = new ArrayList<>();

        @Override
        public void emit(EmitInfo info) {
            emits.add(info);
        }

        @Override
        public void spoutAck(SpoutAckInfo info) {
            acks.add(info);
        }
    }
}
