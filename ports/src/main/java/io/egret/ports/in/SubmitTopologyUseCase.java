package io.egret.ports.in;

/** Submits a topology: validate, load, pack, upload, record, launch; nothing is left behind on failure. */
public interface SubmitTopologyUseCase {
    SubmitResult submit(SubmitCommand command);
}
