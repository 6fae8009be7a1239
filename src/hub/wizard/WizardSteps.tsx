import { WIZARD_PAGES } from "./wizardModel";

/** The list of the form's pages: where you are, and a way back to any page already passed. */
export function WizardSteps({ current, reachable, onGo }: { current: number; reachable: number; onGo: (index: number) => void }) {
  return (
    <nav aria-label="Steps of the guided form" className="wizard-steps">
      <ol>
        {WIZARD_PAGES.map((page, index) => {
          const state = index === current ? "current" : index < current ? "done" : "todo";
          return (
            <li key={page.id} className={`wizard-step wizard-step-${state}`}>
              {index <= reachable && index !== current ? (
                <button type="button" className="wizard-step-button" onClick={() => onGo(index)}>
                  <span className="wizard-step-number">{index + 1}</span> {page.title}
                </button>
              ) : (
                <span aria-current={index === current ? "step" : undefined} className="wizard-step-label">
                  <span className="wizard-step-number">{index + 1}</span> {page.title}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
