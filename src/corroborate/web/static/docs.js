// The API's interactive page: Swagger UI over our own /openapi.json, loaded from our server.
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: element.dataset.spec, domNode: element, deepLinking: true,
                                validatorUrl: null, tryItOutEnabled: false });
})();
