// TierState in JShell. Open it from the project root after building once:
//   mvn -B -q -DskipTests package && jshell --class-path examples/target/tierstate.jar examples/tierstate.jsh
// Then, at the prompt:  client.deployments().fetch()
//                        client.estimate(CostSubjects.plan(Tier.GPU, "g5.xlarge"), UsageProfile.defaults())
import io.tierstate.*;
import io.tierstate.cost.*;
import io.tierstate.model.*;
import io.tierstate.port.*;
import io.tierstate.store.*;
import io.tierstate.view.*;
import io.tierstate.sim.*;
import io.tierstate.destroy.*;
import java.nio.file.*;
import java.math.BigDecimal;

// The default client: the file store in $TIERSTATE_HOME or ~/.tierstate.
// For a GeuseMaker home:  client = DeploymentClient.builder().home(Path.of(System.getProperty("user.home"), ".geusemaker")).build()
var client = DeploymentClient.create();
System.out.println("TierState ready: " + client + "  -- try client.deployments().fetch()");
