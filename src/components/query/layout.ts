/** The label width of every inline field of the query editors: fits "Correlation ID" and its tooltip icon. */
export const LABEL_WIDTH = 17;
