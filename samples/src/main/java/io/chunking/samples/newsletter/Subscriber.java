package io.chunking.samples.newsletter;

import org.bson.Document;

/**
 * A subscriber, as stored in the collection {@value NewsletterJob#SUBSCRIBERS}: {@code _id} (a string), {@code email},
 * {@code name} and {@code active}.
 *
 * @param id the document's {@code _id}
 * @param email where the newsletter goes
 * @param name how the mail greets the subscriber
 * @param active whether the subscriber gets the newsletter
 */
public record Subscriber(String id, String email, String name, boolean active) {

	/**
	 * @throws IllegalArgumentException if the document has no string {@code _id} or no {@code email}
	 */
	static Subscriber of(Document document) {
		if (!(document.get("_id") instanceof String id)) {
			throw new IllegalArgumentException("The subscriber's _id must be a string, was " + document.get("_id"));
		}
		String email = document.getString("email");
		if (email == null || email.isBlank()) {
			throw new IllegalArgumentException("Subscriber " + id + " has no email");
		}
		String name = document.getString("name");
		return new Subscriber(id, email, (name != null) ? name : "", Boolean.TRUE.equals(document.get("active")));
	}

	/** The subscriber's document. */
	public Document toDocument() {
		return new Document("_id", this.id).append("email", this.email).append("name", this.name)
			.append("active", this.active);
	}

}
