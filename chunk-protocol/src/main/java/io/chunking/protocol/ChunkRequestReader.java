package io.chunking.protocol;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * Reads the chunk request of a JMS message as it was received. Only a text body is ever read: any other kind of
 * message is rejected by its type, so an object message is never deserialized and a bytes or map message never
 * converted.
 */
public final class ChunkRequestReader {

	private final ChunkRequestCodec codec = new ChunkRequestCodec();

	/**
	 * @param message a message from the queue of {@code jobName}
	 * @param jobName the job whose queue the message came from
	 * @return the request
	 * @throws InvalidChunkRequestException saying what is wrong if the message is not a text message holding a chunk
	 * request of a supported version for {@code jobName}
	 * @throws JMSException if the text cannot be read
	 */
	public ChunkRequest read(Message message, String jobName) throws JMSException {
		if (!(message instanceof TextMessage textMessage)) {
			throw new InvalidChunkRequestException("A message of type " + JmsMessages.type(message)
					+ " is not a chunk request: chunk requests are JSON text messages", null);
		}
		String text = textMessage.getText();
		if (text == null) {
			throw new InvalidChunkRequestException("A text message without text is not a chunk request", null);
		}
		ChunkRequest request = this.codec.decode(text);
		if (!request.jobName().equals(jobName)) {
			throw new InvalidChunkRequestException("The chunk request names job '"
					+ JmsMessages.excerpt(request.jobName()) + "' but came on the queue of job '" + jobName + "'",
					null);
		}
		return request;
	}

}
