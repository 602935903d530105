package dev.sseboot.bench.smoke;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application with the starter: its auto-configuration supplies the endpoint and the publisher. */
@SpringBootApplication
class SmokeApplication {
}
