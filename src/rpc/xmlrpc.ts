// The XML-RPC codec: the wire format supervisorctl and every supervisord client speak.
// Split in two so each half stays small; import from here.
export {
  XmlRpcDecodeError,
  decodeMethodCall,
  decodeMethodResponse,
  type DecodedResponse,
  type XmlRpcDecodeReason,
} from './xmlrpc-decode.js';
export {
  XMLRPC_MAXINT,
  XMLRPC_MININT,
  XmlRpcEncodeError,
  capInt,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
  encodeValue,
  escapeXmlText,
} from './xmlrpc-encode.js';
