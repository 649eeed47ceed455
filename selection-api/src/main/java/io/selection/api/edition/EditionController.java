package io.selection.api.edition;

import io.selection.api.web.ReadModels;
import io.selection.common.DomainException;
import io.selection.common.ErrorCode;
import io.selection.common.Refusal;
import io.selection.edition.CreateEditionCommand;
import io.selection.projections.Views.EditionView;
import io.selection.query.ReadModelQueries.FindEditionsQuery;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;

@RestController
@RequestMapping("/api/editions")
public class EditionController {

    private final CommandGateway commands;
    private final ReadModels readModels;
    private final EventStore eventStore;
    private final Clock clock;

    private final GatedCommands gated;

    private final io.selection.api.readmodel.AsOf asOf;

    public EditionController(CommandGateway commands, GatedCommands gated, ReadModels readModels,
                             EventStore eventStore, Clock clock, io.selection.api.readmodel.AsOf asOf) {
        this.asOf = asOf;
        this.gated = gated;
        this.commands = commands;
        this.readModels = readModels;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<EditionView> create(@Valid @RequestBody EditionRequests.CreateEdition request,
                                              Principal principal) {
        if (exists(eventStore, request.id())) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "id", List.of(request.id()), Refusal.EDITION_EXISTS,
                    request.id());
        }
        commands.sendAndWait(new CreateEditionCommand(request.id(), request.toRules(), clock.instant(),
                principal.getName()));
        return ResponseEntity.created(URI.create("/api/editions/" + request.id()))
                .body(readModels.edition(request.id()));
    }

    @GetMapping
    public List<EditionView> list() {
        return readModels.askAll(new FindEditionsQuery(), EditionView.class);
    }

    @GetMapping("/{editionId}")
    public EditionView get(@PathVariable String editionId,
                           @org.springframework.web.bind.annotation.RequestParam(required = false) String asOf) {
        return asOf == null ? readModels.edition(editionId) : this.asOf.ask(editionId, asOf, io.selection.projections.PointInTime::edition);
    }

    @PostMapping("/{editionId}/transitions")
    public EditionView transition(@PathVariable String editionId,
                                  @Valid @RequestBody EditionRequests.Transition request, Principal principal) {
        readModels.edition(editionId);
        gated.transition(editionId, request.to(), clock.instant(), principal.getName());
        return readModels.edition(editionId);
    }

    static boolean exists(EventStore eventStore, String editionId) {
        return eventStore.lastSequenceNumberFor(editionId).isPresent();
    }

}
