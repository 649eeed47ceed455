package io.selection.demo;

import io.selection.demo.Api.Account;

/** Step 8: the results are published; the demo reads back the winners and the certified tallies. */
final class PublishResults implements Step {

    @Override
    public String name(EditionRun run) {
        return "Results published";
    }

    @Override
    public Done run(EditionRun run) {
        run.transition("RESULTS_PUBLISHED");
        run.winners = run.api.get(run.path("/winners"), Account.ORGANISER);
        run.tallies = run.api.get(run.path("/tallies"), Account.ORGANISER);
        return new Done(run.categoryCodes.size() + " categories");
    }
}
