package io.cairn.compute.api;

import io.cairn.common.messaging.WireName;
import org.axonframework.serialization.Revision;

/** Everything that happens to a compute target. Wire names are stored in the event log: never change them. */
public sealed interface ComputeTargetEvent {

    String targetId();

    String tenantId();

    @WireName("cairn.compute.ComputeTargetCreated")
    @Revision("1")
    record ComputeTargetCreatedEvent(String targetId, String tenantId, String name, String kind, TargetSettings settings)
            implements ComputeTargetEvent {
    }

    @WireName("cairn.compute.ComputeTargetUpdated")
    @Revision("1")
    record ComputeTargetUpdatedEvent(String targetId, String tenantId, String name, TargetSettings settings)
            implements ComputeTargetEvent {
    }

    @WireName("cairn.compute.ComputeTargetDeleted")
    @Revision("1")
    record ComputeTargetDeletedEvent(String targetId, String tenantId, String name) implements ComputeTargetEvent {
    }
}
