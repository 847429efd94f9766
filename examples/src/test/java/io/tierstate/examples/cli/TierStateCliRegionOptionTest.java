package io.tierstate.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which --region is the AWS region: after list and cost it is theirs (a filter, a region to price in). */
class TierStateCliRegionOptionTest {

    private static String awsRegion(String... args) {
        TierStateCli cli = new TierStateCli();
        CommandLine cl = TierStateCli.commandLine(cli, args);
        CliSyntax.configure(cl);
        cl.parseArgs(args);
        return cli.region();
    }

    @Test
    void afterCost_regionIsThePricingRegion_notTheAwsRegion() {
        assertThat(awsRegion("--region", "us-west-2", "cost", "gpu", "--region", "eu-west-1")).isEqualTo("us-west-2");
        assertThat(awsRegion("cost", "gpu", "--region", "eu-west-1")).isNull();
    }

    @Test
    void afterOtherCommands_regionIsStillTheAwsRegion() {
        assertThat(awsRegion("inspect", "gpu", "--region", "eu-west-1")).isEqualTo("eu-west-1");
        assertThat(awsRegion("--region", "us-west-2", "list", "--region", "eu-west-1")).isEqualTo("us-west-2");
    }
}
