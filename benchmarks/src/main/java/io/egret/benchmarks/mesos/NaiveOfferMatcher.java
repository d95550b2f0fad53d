package io.egret.benchmarks.mesos;

import io.egret.adapters.mesos.matching.OfferMatcher;
import io.egret.adapters.mesos.matching.ResourcePools;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: Heron's way of matching, every pending container scanning the offers from the first until one
 * fits, O(pending × offers) per round. Unlike Heron it does not stop at the first container that fits nowhere, so
 * that both matchers place the same containers and only the cost differs.
 */
final class NaiveOfferMatcher {
    private NaiveOfferMatcher() {}

    static <K> OfferMatcher.Result<K> match(List<OfferMatcher.Pending<K>> pending, List<ResourcePools> offers) {
        List<OfferMatcher.Placement<K>> placed = new ArrayList<>();
        List<OfferMatcher.Pending<K>> unplaced = new ArrayList<>();
        for (OfferMatcher.Pending<K> container : pending) {
            boolean done = false;
            for (int offer = 0; offer < offers.size() && !done; offer++) {
                ResourcePools pools = offers.get(offer);
                if (pools.fits(container.demand())) {
                    placed.add(new OfferMatcher.Placement<>(container.key(), offer, pools.take(container.demand())));
                    done = true;
                }
            }
            if (!done) {
                unplaced.add(container);
            }
        }
        return new OfferMatcher.Result<>(placed, unplaced);
    }
}
