package io.tierstate.destroy;

/** Receives progress events; called on the thread running the destroy, so return quickly. */
@FunctionalInterface
public interface DestroyListener {

    /**
     * Called for every event.
     *
     * @param event what happened
     */
    void onProgress(ProgressEvent event);
}
