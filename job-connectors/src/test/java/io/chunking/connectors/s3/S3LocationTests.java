package io.chunking.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class S3LocationTests {

	@Test
	void uriWithoutTrailingSlashNamesOneObject() {
		S3Location location = S3Location.parse("s3://input/path/orders.csv.gz");
		assertThat(location.bucket()).isEqualTo("input");
		assertThat(location.key()).isEqualTo("path/orders.csv.gz");
		assertThat(location.isPrefix()).isFalse();
		assertThat(location).isEqualTo(S3Location.object("input", "path/orders.csv.gz"));
		assertThat(location).hasToString("s3://input/path/orders.csv.gz");
	}

	@Test
	void uriWithTrailingSlashNamesEveryObjectUnderThePrefix() {
		S3Location location = S3Location.parse("s3://input/path/");
		assertThat(location.key()).isEqualTo("path/");
		assertThat(location.isPrefix()).isTrue();
		assertThat(location).isEqualTo(S3Location.prefix("input", "path/"));
		assertThat(location).hasToString("s3://input/path/");
	}

	@Test
	void bucketAloneNamesTheWholeBucket() {
		assertThat(S3Location.parse("s3://input")).isEqualTo(S3Location.prefix("input", ""));
		assertThat(S3Location.parse("s3://input/")).isEqualTo(S3Location.prefix("input", ""));
	}

	@Test
	void prefixThatIsNotAFolderIsShownWithAStar() {
		assertThat(S3Location.prefix("input", "orders/2026-11-")).hasToString("s3://input/orders/2026-11-*");
	}

	@Test
	void uriMustHaveTheS3Scheme() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse("https://in/orders.csv"))
			.withMessage("S3 location 'https://in/orders.csv' must start with s3://");
	}

	@Test
	void bucketNameMustBeValid() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse("s3://In_put/orders.csv"))
			.withMessage("Bucket name 'In_put' must be 3 to 63 lowercase letters, digits, '.' and '-', starting and "
					+ "ending with a letter or digit");
	}

	@Test
	void objectKeyMustNotNameAPrefix() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.object("input", "orders/"))
			.withMessage("Key 'orders/' ends with '/': it names a prefix, not an object; use S3Location.prefix(..)");
	}

	@Test
	void objectKeyMustNotBeEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.object("input", ""))
			.withMessage("Key of an object in bucket 'input' must not be empty");
	}

	@Test
	void keyMustNotStartWithASlashOrHoldAnEmptySegment() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse("s3://input//orders.csv"))
			.withMessage("Key '/orders.csv' in bucket 'input' must not start with '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.prefix("input", "a//b/"))
			.withMessage("Key 'a//b/' in bucket 'input' must not contain '//'");
	}

}
