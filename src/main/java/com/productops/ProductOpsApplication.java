package com.productops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductOpsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProductOpsApplication.class, args);
	}

}
