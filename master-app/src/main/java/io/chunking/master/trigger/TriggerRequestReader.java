package io.chunking.master.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.chunking.protocol.JmsMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@link TriggerRequest} of a JMS message as it was received. Only a text body is ever read: any other
 * kind of message is refused by its type, so an object message is never deserialized. Each refusal names the field
 * that is wrong, as the REST API does for a trigger it refuses.
 */
public final class TriggerRequestReader {

	/** Longest trigger text, in characters. */
	static final int MAX_LENGTH = 256 * 1024;

	private static final String FORM = "{\"job\": \"name\", \"parameters\": {\"name\": \"value\"}, "
			+ "\"idempotencyKey\": \"key\"}";

	private static final Set<String> FIELDS = Set.of("job", "parameters", "idempotencyKey");

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @throws InvalidTriggerException saying what is wrong if the message is not a JSON text message holding a
	 * trigger
	 * @throws JMSException if the text cannot be read
	 */
	public TriggerRequest read(Message message) throws JMSException {
		if (!(message instanceof TextMessage textMessage)) {
			throw invalid("A message of type " + JmsMessages.type(message) + " is not a trigger: triggers are JSON "
					+ "text messages of the form " + FORM);
		}
		String text = textMessage.getText();
		if (text == null || text.isBlank()) {
			throw invalid("A text message without text is not a trigger; send " + FORM);
		}
		return read(text);
	}

	/**
	 * @throws InvalidTriggerException saying what is wrong if {@code text} is not a trigger
	 */
	public TriggerRequest read(String text) {
		if (text.length() > MAX_LENGTH) {
			throw invalid("The trigger is " + text.length() + " characters long; at most " + MAX_LENGTH + " are read");
		}
		JsonNode root;
		try {
			root = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			String where = (ex.getLocation() != null)
					? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
			throw invalid("The message is not valid JSON (" + JmsMessages.excerpt(String.valueOf(ex.getOriginalMessage()))
					+ where + "); send " + FORM);
		}
		if (root == null || !root.isObject()) {
			throw invalid("The message is not a JSON object; send " + FORM);
		}
		List<String> unknown = root.propertyNames().stream().filter((name) -> !FIELDS.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw invalid("Unknown field" + ((unknown.size() > 1) ? "s " : " ")
					+ String.join(", ", unknown.stream().map((name) -> "'" + JmsMessages.excerpt(name) + "'").toList())
					+ " in the trigger; it takes 'job', 'parameters' and 'idempotencyKey' only");
		}
		String key = key(root.get("idempotencyKey"));
		JsonNode job = root.get("job");
		if (job == null || !job.isString() || job.asString().isBlank()) {
			throw invalid("Field 'job' must name the job to start, was " + describe(job));
		}
		return new TriggerRequest(job.asString(), parameters(root.get("parameters")), key);
	}

	private static String key(JsonNode key) {
		if (key == null || key.isNull()) {
			throw invalid("Field 'idempotencyKey' is missing: every trigger needs a key of its own, the same for "
					+ "every copy of the trigger (it makes the job instance, so the trigger starts at most once)");
		}
		if (!key.isString() || !TriggerRequest.KEY.matcher(key.asString()).matches()) {
			throw invalid("Field 'idempotencyKey' must be 1 to " + TriggerRequest.MAX_KEY_LENGTH
					+ " letters, digits and '._:-', was " + describe(key));
		}
		return key.asString();
	}

	private static Map<String, String> parameters(JsonNode parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		if (parameters == null || parameters.isNull()) {
			return values;
		}
		if (!parameters.isObject()) {
			throw invalid("Field 'parameters' must be an object of names and values, was " + describe(parameters));
		}
		for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
			JsonNode value = parameter.getValue();
			if (!value.isValueNode() || value.isNull()) {
				throw invalid("Parameter '" + JmsMessages.excerpt(parameter.getKey())
						+ "' must be a string or a number, was " + describe(value));
			}
			values.put(parameter.getKey(), value.asString());
		}
		return values;
	}

	private static String describe(JsonNode node) {
		return (node == null) ? "missing" : JmsMessages.excerpt(node.toString());
	}

	private static InvalidTriggerException invalid(String message) {
		return new InvalidTriggerException(InvalidTriggerException.INVALID_REQUEST, message);
	}

}
