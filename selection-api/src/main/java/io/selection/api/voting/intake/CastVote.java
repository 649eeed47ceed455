package io.selection.api.voting.intake;

import io.selection.api.web.Ids;
import io.selection.api.web.PlausibleInstant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * One vote as every door receives it (docs/api.md): the body of {@code POST .../votes}, a line of
 * {@code votes:batch} and, with the edition, a record on the Kafka topic. The annotations state its
 * shape for bean validation and the OpenAPI document; {@link VoteShape} checks the same by hand
 * where a reflective validator per vote costs too much.
 */
public record CastVote(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE_KEY) String id,
                       @NotBlank @Size(max = 128) String voterId,
                       @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE_KEY) String workId,
                       @NotNull @PlausibleInstant Instant castAt,
                       @Valid Source source) {

    /** Where the vote was cast from, as the voting front-end saw it. */
    public record Source(@Size(max = 64) String ip, @Size(max = 128) String device) {
    }
}
