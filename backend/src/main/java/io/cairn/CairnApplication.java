package io.cairn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CairnApplication {

    public static void main(String[] args) {
        // A self-hosted platform does not phone home: Axon's update checker stays off unless asked for.
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        // Scoring requests reach model servers over kept-alive HttpURLConnections (ScoreRouter); the JDK keeps 5 idle
        // ones per server unless told otherwise, too few for a deployment scored by many clients at once.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        SpringApplication.run(CairnApplication.class, args);
    }
}
