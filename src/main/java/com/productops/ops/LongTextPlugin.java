package com.productops.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * A text variable longer than the engine's text column (4,000 characters) is stored in
 * the engine's byte array table, as a file or a serialized object would be, and reads
 * back as the same text. People type at most 4,000 characters into a field, but the lists
 * a case collects grow with every entry: everyone who says "me too", every reporter's
 * answer, merged duplicates' evidence. Before, the entry that crossed 4,000 characters
 * failed (500). Shorter texts are stored as before, so queries on them work as always.
 */
@Component
public class LongTextPlugin extends AbstractProcessEnginePlugin {

	/** The engine's text column (ACT_RU_VARIABLE.TEXT_ and its history). */
	static final int TEXT_COLUMN = 4000;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<TypedValueSerializer> serializers = new ArrayList<>();
		if (configuration.getCustomPreVariableSerializers() != null) {
			serializers.addAll(configuration.getCustomPreVariableSerializers());
		}
		serializers.add(new LongTextSerializer());
		configuration.setCustomPreVariableSerializers(serializers);
	}

	/**
	 * Writes only texts the column cannot hold; reads what it wrote. Its name marks such
	 * variables.
	 */
	static final class LongTextSerializer extends StringValueSerializer {

		static final String NAME = "longText";

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		protected boolean canWriteValue(TypedValue value) {
			return super.canWriteValue(value) && value.getValue() instanceof String text && text.length() > TEXT_COLUMN;
		}

		@Override
		public void writeValue(StringValue value, ValueFields fields) {
			fields.setTextValue(null);
			fields.setByteArrayValue(value.getValue().getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public StringValue readValue(ValueFields fields, boolean asTransientValue) {
			byte[] text = fields.getByteArrayValue();
			return Variables.stringValue((text == null) ? null : new String(text, StandardCharsets.UTF_8),
					asTransientValue);
		}

	}

}
